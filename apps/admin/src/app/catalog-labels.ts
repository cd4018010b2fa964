// Names of the contracts' catalogs (permissions, modules, event types) in the viewer's language. The
// catalog has a message per known name, so a permission or event added to contracts fails to compile here
// until it is translated; a name this build does not know (a newer server) is shown as the server gave it.
import { EVENTS, PERMISSIONS, type EventType, type Permission } from "@tenancy/contracts";
import type { Translate } from "./i18n/translate.js";

const KNOWN_MODULES = ["core", "platform", "billing", "integrations"] as const;
type KnownModule = (typeof KNOWN_MODULES)[number];

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(PERMISSIONS, name);
}

export function isEventType(name: string): name is EventType {
  return Object.hasOwn(EVENTS, name);
}

function isKnownModule(name: string): name is KnownModule {
  return (KNOWN_MODULES as readonly string[]).includes(name);
}

/** What a permission allows, e.g. "Create, edit and delete roles."; `fallback` is the server's English text. */
export function permissionDescription(t: Translate, name: string, fallback = name): string {
  return isPermission(name) ? t(`permission.${name}`) : fallback;
}

export function moduleLabel(t: Translate, module: string): string {
  return isKnownModule(module) ? t(`module.${module}`) : module;
}

/** What an audited event means, e.g. "A user was deactivated and their sessions ended." */
export function eventDescription(t: Translate, type: string): string | null {
  return isEventType(type) ? t(`event.${type}`) : null;
}
