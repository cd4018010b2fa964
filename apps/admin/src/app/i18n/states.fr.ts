// French messages of one area of the app (see states.en.ts), spread into the French catalog (fr.ts).
import type { statesEn } from "./states.en.js";
import type { Section } from "./translate.js";

export const statesFr: Section<typeof statesEn> = {
  "nav.profile": "Mon profil",

  "sessionEnd.title": "Vous avez été déconnecté",
  "sessionEnd.expired": "Votre session a expiré après une longue période sans utilisation. Reconnectez-vous pour continuer.",
  "sessionEnd.signed_out": "Vous vous êtes déconnecté dans un autre onglet ou une autre fenêtre de ce navigateur. Reconnectez-vous pour continuer.",
  "sessionEnd.revoked": "Un administrateur a mis fin à votre session. Reconnectez-vous pour continuer.",
  "sessionEnd.password_changed": "Votre mot de passe a été changé dans une autre session, ce qui vous a déconnecté ici. Connectez-vous avec le nouveau mot de passe.",
  "sessionEnd.password_reset": "Un administrateur a réinitialisé votre mot de passe, ce qui vous a déconnecté. Demandez-lui votre mot de passe temporaire, puis connectez-vous.",
  "sessionEnd.deactivated": "Votre compte a été désactivé, ce qui vous a déconnecté. Demandez à un administrateur de votre espace de le réactiver.",
  "sessionEnd.suspended": "Votre espace de travail a été suspendu, ce qui a déconnecté tout le monde. Ses administrateurs peuvent contacter l'opérateur de la plateforme.",
  "sessionEnd.ended": "Votre session a pris fin. Reconnectez-vous pour continuer.",
  "sessionEnd.draftsKept": "Vos modifications non enregistrées sont conservées dans cet onglet : elles reviendront quand vous vous reconnecterez.",
  "drafts.restored": "Vos modifications non enregistrées d'avant la déconnexion sont de retour. Vérifiez-les, puis enregistrez.",

  "login.forgot": "Mot de passe oublié ?",
  "login.forgotUser": "Demandez à un administrateur de votre espace de travail : il peut réinitialiser votre mot de passe et vous en donner un temporaire, que vous remplacerez à la connexion.",
  "login.forgotPlatform": "Administrateurs de la plateforme : une personne ayant accès au serveur lance cette commande avec votre adresse e-mail ; elle affiche un nouveau mot de passe temporaire.",
  "login.forgotNoEmail": "Les mots de passe ne sont jamais réinitialisés par e-mail.",

  "notFound.back": "Retour à la liste",
  "notFound.user.title": "Utilisateur introuvable",
  "notFound.user.message": "Aucun utilisateur de cet espace de travail n'a cette adresse. Le lien est peut-être erroné, ou l'utilisateur appartient à un autre espace.",
  "notFound.user.back": "Retour aux utilisateurs",
  "notFound.tenant.title": "Client introuvable",
  "notFound.tenant.message": "Aucun client n'a cette adresse. Le lien est peut-être erroné ou périmé.",
  "notFound.tenant.back": "Retour aux clients",
  "users.unknownRole": "Le rôle indiqué dans cette adresse n'existe pas (ou plus) : aucun utilisateur n'est filtré par ce rôle.",
  "users.showAll": "Afficher tous les utilisateurs",

  "selfRoles.title": "Retirer vos propres droits ?",
  "selfRoles.message": "Avec ces rôles, vous ne pourrez plus :",
  "selfRoles.after": "Votre menu et vos pages changeront dès l'enregistrement. Seul un autre administrateur pourra vous rendre ces droits.",
  "selfRoles.confirm": "Enregistrer et perdre ces droits",

  "settings.retention.belowMin": "Saisissez au moins {min} jours.",
  "settings.retention.aboveMax": "Saisissez au plus {max} jours.",
};
