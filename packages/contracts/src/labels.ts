// The audit log's vocabulary in each supported language: event types, modules, actor and target types.
// The admin app shows them and the server writes them into CSV exports, so they live here, once. Typed by
// the contracts' lists: an event type or a target type added without its words fails to compile.
import type { AuditActorType, AuditTargetType, EventType } from "./events.js";
import type { PERMISSIONS } from "./permissions.js";
import type { SUPPORTED_LANGUAGES } from "./common.js";

/** The modules of the permission catalog, and the platform's own (its events). */
export type ModuleName = (typeof PERMISSIONS)[keyof typeof PERMISSIONS]["module"] | "platform";

export interface AuditVocabulary {
  event: Record<EventType, string>;
  module: Record<ModuleName, string>;
  actorType: Record<AuditActorType, string>;
  targetType: Record<AuditTargetType, string>;
}

const en = {
  event: {
    "tenant.created": "Workspace created",
    "tenant.updated": "Workspace updated",
    "tenant.suspended": "Workspace suspended",
    "tenant.reactivated": "Workspace reactivated",
    "tenant.admin_password_reset": "Workspace admin's password reset",
    "platform_admin.created": "Platform admin added",
    "platform_admin.deactivated": "Platform admin deactivated",
    "platform_admin.reactivated": "Platform admin reactivated",
    "platform_admin.password_reset": "Platform admin's password reset",
    "platform_admin.profile_updated": "Platform admin profile updated",
    "platform_admin.recovered": "Platform admin recovered",
    "session.created": "Signed in",
    "session.revoked": "Signed out",
    "auth.login_failed": "Sign-in failed",
    "password.changed": "Password changed",
    "user.created": "User created",
    "user.updated": "User updated",
    "user.deactivated": "User deactivated",
    "user.reactivated": "User reactivated",
    "user.password_reset": "User's password reset",
    "user.profile_updated": "Profile updated",
    "tenant.settings_updated": "Settings changed",
    "audit.exported": "Audit log exported",
    "audit.purged": "Old audit entries removed",
    "role.created": "Role created",
    "role.updated": "Role updated",
    "role.deleted": "Role deleted",
  },
  module: { core: "Core", platform: "Platform", billing: "Billing", integrations: "Integrations" },
  actorType: { user: "User", platform_admin: "Platform admin", system: "System", anonymous: "Anonymous" },
  targetType: { tenant: "Workspace", user: "User", platform_admin: "Platform admin", role: "Role", audit_log: "Audit log" },
} as const satisfies AuditVocabulary;

const fr = {
  event: {
    "tenant.created": "Espace de travail créé",
    "tenant.updated": "Espace de travail modifié",
    "tenant.suspended": "Espace de travail suspendu",
    "tenant.reactivated": "Espace de travail réactivé",
    "tenant.admin_password_reset": "Mot de passe d'un administrateur de l'espace réinitialisé",
    "platform_admin.created": "Administrateur de la plateforme ajouté",
    "platform_admin.deactivated": "Administrateur de la plateforme désactivé",
    "platform_admin.reactivated": "Administrateur de la plateforme réactivé",
    "platform_admin.password_reset": "Mot de passe d'un administrateur de la plateforme réinitialisé",
    "platform_admin.profile_updated": "Profil d'un administrateur de la plateforme modifié",
    "platform_admin.recovered": "Administrateur de la plateforme restauré",
    "session.created": "Connexion",
    "session.revoked": "Déconnexion",
    "auth.login_failed": "Échec de connexion",
    "password.changed": "Mot de passe changé",
    "user.created": "Utilisateur créé",
    "user.updated": "Utilisateur modifié",
    "user.deactivated": "Utilisateur désactivé",
    "user.reactivated": "Utilisateur réactivé",
    "user.password_reset": "Mot de passe d'un utilisateur réinitialisé",
    "user.profile_updated": "Profil modifié",
    "tenant.settings_updated": "Paramètres modifiés",
    "audit.exported": "Journal d'audit exporté",
    "audit.purged": "Anciennes entrées d'audit supprimées",
    "role.created": "Rôle créé",
    "role.updated": "Rôle modifié",
    "role.deleted": "Rôle supprimé",
  },
  module: { core: "Socle", platform: "Plateforme", billing: "Facturation", integrations: "Intégrations" },
  actorType: { user: "Utilisateur", platform_admin: "Administrateur de la plateforme", system: "Système", anonymous: "Anonyme" },
  targetType: { tenant: "Espace de travail", user: "Utilisateur", platform_admin: "Administrateur de la plateforme", role: "Rôle", audit_log: "Journal d'audit" },
} as const satisfies AuditVocabulary;

export const AUDIT_VOCABULARY = { en, fr } as const satisfies Record<(typeof SUPPORTED_LANGUAGES)[number], AuditVocabulary>;
