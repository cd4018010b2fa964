// A notification rule's name in the reader's language: the rules every workspace (or the platform) starts
// with are stored under their English name; while that name is unchanged it is shown translated (like a
// built-in role's), and a name the tenant gave is shown as typed. Preferences carry no rule key, so a
// default rule is also recognized by its English name.
import { notificationsEn } from "../../app/i18n/notifications.en.js";
import type { MessageKey, Translate } from "../../app/i18n/translate.js";

const PREFIX = "notif.rule.";
const ENGLISH = new Map<string, MessageKey>(
  Object.entries(notificationsEn)
    .filter(([key]) => key.startsWith(PREFIX))
    .map(([key, name]) => [name as string, key as MessageKey]),
);

export function ruleName(t: Translate, rule: { key?: string | null; name: string }): string {
  const key = ENGLISH.get(rule.name);
  // A rule with a key is translated only under its own key's name (a default renamed by the tenant is theirs).
  if (!key || (rule.key != null && key !== `${PREFIX}${rule.key}`)) return rule.name;
  return (t as (key: MessageKey) => string)(key);
}
