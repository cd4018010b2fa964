// How an audit entry's actor and target are named on screen: by their name, else by their type in the
// viewer's language (the system, a deleted record), never by a raw code.
import { actorTypeLabel, targetTypeLabel } from "../../app/catalog-labels.js";
import type { Translate } from "../../app/i18n/translate.js";

interface Party {
  type: string | null;
  id: string | null;
  name: string | null;
}

export function actorName(t: Translate, actor: Party): string {
  // The system acts under the name "system": its type, worded, reads better.
  if (actor.type === "system" || !actor.name) return actor.type ? actorTypeLabel(t, actor.type) : "—";
  return actor.name;
}

export function targetName(t: Translate, target: Party): string | null {
  if (target.name) return target.name;
  return target.type ? targetTypeLabel(t, target.type) : null;
}

/** id -> name of every actor and target of `entries` that has both. */
export function namesOf(entries: readonly { actor: Party; target: Party }[], t: Translate): Map<string, string> {
  const names = new Map<string, string>();
  for (const { actor, target } of entries) {
    if (actor.id && actor.name) names.set(actor.id, actorName(t, actor));
    if (target.id && target.name) names.set(target.id, target.name);
  }
  return names;
}
