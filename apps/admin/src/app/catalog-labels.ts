// Names of the contracts' catalogs in the viewer's language: permissions, modules, event types, actor and
// target types, audited fields and built-in roles. The catalog has a message per known name, so a
// permission, event, audited field or target type added to contracts fails to compile until translated; a
// name this build does not know (a newer server) is shown as the server gave it.
import {
  AUDIT_ACTOR_TYPES,
  AUDIT_TARGET_TYPES,
  AUDITED_FIELDS,
  AUDIT_VOCABULARY,
  EVENTS,
  PERMISSIONS,
  TENANT_ADMIN_ROLE_KEY,
  type AuditActorType,
  type AuditedField,
  type AuditTargetType,
  type EventType,
  type ModuleName,
  type Permission,
} from "@tenancy/contracts";
import type { Translate } from "./i18n/translate.js";

export function isPermission(name: string): name is Permission {
  return Object.hasOwn(PERMISSIONS, name);
}

export function isEventType(name: string): name is EventType {
  return Object.hasOwn(EVENTS, name);
}

function isKnownModule(name: string): name is ModuleName {
  return Object.hasOwn(AUDIT_VOCABULARY.en.module, name);
}

const isOneOf = <T extends string>(list: readonly T[], name: string | null | undefined): name is T => (list as readonly (string | null | undefined)[]).includes(name);

/** A permission's short name, e.g. "Manage roles". */
export function permissionLabel(t: Translate, name: string): string {
  return isPermission(name) ? t(`permissionName.${name}`) : name;
}

/** What a permission allows, e.g. "Create, edit and delete roles."; `fallback` is the server's English text. */
export function permissionDescription(t: Translate, name: string, fallback = name): string {
  return isPermission(name) ? t(`permission.${name}`) : fallback;
}

export function moduleLabel(t: Translate, module: string): string {
  return isKnownModule(module) ? t(`module.${module}`) : module;
}

/** An event type's short name, e.g. "User deactivated". */
export function eventLabel(t: Translate, type: string): string {
  return isEventType(type) ? t(`eventName.${type}`) : type;
}

/** What an audited event means, e.g. "A user was deactivated and their sessions ended." */
export function eventDescription(t: Translate, type: string): string | null {
  return isEventType(type) ? t(`event.${type}`) : null;
}

export function actorTypeLabel(t: Translate, type: string): string {
  return isOneOf<AuditActorType>(AUDIT_ACTOR_TYPES, type) ? t(`actorType.${type}`) : type;
}

export function targetTypeLabel(t: Translate, type: string): string {
  return isOneOf<AuditTargetType>(AUDIT_TARGET_TYPES, type) ? t(`targetType.${type}`) : type;
}

/** The name of a field of an audit entry's changes, e.g. "Audit log kept (days)" for auditRetentionDays. */
export function fieldLabel(t: Translate, field: string): string {
  return isOneOf<AuditedField>(AUDITED_FIELDS, field) ? t(`field.${field}`) : field;
}

interface RoleLike {
  key?: string | null;
  name: string;
  description?: string | null;
}

/** A role's name: a built-in role's in the viewer's language, a custom role's as its tenant named it. */
export function roleName(t: Translate, role: RoleLike): string {
  return role.key === TENANT_ADMIN_ROLE_KEY ? t("role.tenant_admin.name") : role.name;
}

export function roleDescription(t: Translate, role: RoleLike): string | null {
  return role.key === TENANT_ADMIN_ROLE_KEY ? t("role.tenant_admin.description") : (role.description ?? null);
}
