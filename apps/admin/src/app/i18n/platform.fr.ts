// French messages of one area of the app (see platform.en.ts), spread into the French catalog (fr.ts).
import type { platformEn } from "./platform.en.js";
import type { Section } from "./translate.js";

export const platformFr: Section<typeof platformEn> = {
  "nav.platformAudit": "Journal d'audit",
  "nav.platformProfile": "Mon profil",

  "platformProfile.title": "Mon profil",
  "platformProfile.description": "Votre nom tel que les autres administrateurs de la plateforme le voient, la langue de l'espace plateforme et votre mot de passe.",
  "platformProfile.open": "Ouvrir mon profil",
  "platformProfile.emailHint": "Elle vous sert à vous connecter ; elle ne peut pas être changée ici.",
  "platformProfile.language": "Langue",
  "platformProfile.languageBrowser": "La langue de mon navigateur ({language})",
  "platformProfile.languageHint": "L'espace plateforme vous parle dans cette langue sur chaque appareil où vous vous connectez.",
  "platformProfile.saved": "Votre profil est enregistré.",
  "platformProfile.passwordTitle": "Mot de passe",
  "platformProfile.passwordHint": "Il vous faut votre mot de passe actuel. Vos autres sessions se terminent quand il change.",
  "platformProfile.passwordChanged": "Votre mot de passe a été changé ; vos autres sessions sont terminées.",

  "platformAdmins.you": "Vous",
  "platformAdmins.actions": "Actions possibles",
  "platformAdmins.reset": "Réinitialiser le mot de passe",
  "platformAdmins.resetTitle": "Réinitialiser le mot de passe de {name} ?",
  "platformAdmins.resetMessage":
    "{email} reçoit un mot de passe à usage unique, qui ne vous est montré qu'une fois : transmettez-le par un canal sûr. Ses sessions se terminent maintenant et il devra choisir un nouveau mot de passe à la connexion.",
  "platformAdmins.resetDone": "Le mot de passe de {email} a été réinitialisé.",
  "platformAdmins.resetSelfHint": "Pour changer votre propre mot de passe, ouvrez votre profil.",

  "platformAudit.title": "Journal d'audit de la plateforme",
  "platformAudit.description":
    "Ce que les administrateurs de la plateforme ont fait, sur la plateforme et dans les clients, et les connexions à la plateforme. Heures en {timeZone}.",
  "platformAudit.tenant": "Client",
  "platformAudit.platformLevel": "Plateforme",
  "platformAudit.targetType": "Type de cible",
  "platformAudit.targetType.tenant": "Client",
  "platformAudit.targetType.platform_admin": "Administrateur de la plateforme",
  "platformAudit.targetType.user": "Utilisateur d'un client",
  "platformAudit.target": "Cible",
  "platformAudit.targetPlaceholder": "Un client ou un administrateur de la plateforme",
  "platformAudit.actorPlaceholder": "Un administrateur de la plateforme",
  "platformAudit.reason": "Motif : {reason}",
  "platformAudit.anonymous": "Une personne non connectée",
  "platformAudit.system": "Le système",

  "tenant.suspensionReason": "Motif de la suspension",
  "tenant.noSuspensionReason": "Aucun motif indiqué",
  "tenant.slugChangeTitle": "Changer l'identifiant de l'espace de travail ?",
  "tenant.slugChangeMessage":
    "Tous les utilisateurs de {name} se connectent avec l'identifiant de l'espace de travail. Désormais, ils devront saisir {newSlug} au lieu de {oldSlug} ; les liens de connexion et favoris avec l'ancien identifiant ne fonctionneront plus.",
  "tenant.slugChangeConfirm": "Passer à {newSlug}",
  "tenant.slugFrom": "Identifiant actuel",
  "tenant.slugTo": "Nouvel identifiant",

  "event.platform_admin.password_reset":
    "Un administrateur de la plateforme a réinitialisé le mot de passe d'un autre ; ses sessions se sont terminées et il devra en choisir un nouveau à la connexion.",
  "event.platform_admin.profile_updated": "Un administrateur de la plateforme a changé son propre nom ou sa langue.",
};
