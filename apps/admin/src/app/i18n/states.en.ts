// English messages of one area of the app, spread into the English catalog (en.ts). Each area has its own
// file so work on different areas does not edit the same lines.
// This area: honest states (why a session ended, kept drafts, not-found pages, losing one's own access, the
// forgotten password) and the layout's own words.
export const statesEn = {
  "nav.profile": "My profile",

  "sessionEnd.title": "You have been signed out",
  "sessionEnd.expired": "Your session expired after a long time without use. Sign in again to continue.",
  "sessionEnd.signed_out": "You signed out in another tab or window of this browser. Sign in again to continue.",
  "sessionEnd.revoked": "An administrator ended your session. Sign in again to continue.",
  "sessionEnd.password_changed": "Your password was changed in another session, which signed you out here. Sign in with the new password.",
  "sessionEnd.password_reset": "An administrator reset your password, which signed you out. Ask them for your temporary password, then sign in.",
  "sessionEnd.deactivated": "Your account has been deactivated, which signed you out. Ask an administrator of your workspace to reactivate it.",
  "sessionEnd.suspended": "Your workspace has been suspended, which signed everyone out. Its administrators can contact the platform operator.",
  "sessionEnd.ended": "Your session has ended. Sign in again to continue.",
  "sessionEnd.draftsKept": "Your unsaved changes are kept in this tab: they come back when you sign in again.",
  "drafts.restored": "Your unsaved changes from before you were signed out are back. Review them, then save.",

  "login.forgot": "Forgot your password?",
  "login.forgotUser": "Ask an administrator of your workspace: they can reset your password and give you a temporary one, which you replace when you sign in.",
  "login.forgotPlatform": "Platform administrators: someone with access to the server runs this command with your e-mail address; it prints a new temporary password.",
  "login.forgotNoEmail": "Passwords are never reset by e-mail.",

  "notFound.back": "Back to the list",
  "notFound.user.title": "User not found",
  "notFound.user.message": "No user of this workspace has this address. The link may be mistyped, or the user may belong to another workspace.",
  "notFound.user.back": "Back to users",
  "notFound.tenant.title": "Tenant not found",
  "notFound.tenant.message": "No tenant has this address. The link may be mistyped or out of date.",
  "notFound.tenant.back": "Back to tenants",
  "users.unknownRole": "The role in this address does not exist (any more), so no users are filtered by it.",
  "users.showAll": "Show all users",

  "selfRoles.title": "Remove your own access?",
  "selfRoles.message": "With these roles you will no longer be able to:",
  "selfRoles.after": "Your menu and pages change as soon as this is saved. Only another administrator can give these rights back.",
  "selfRoles.confirm": "Save and lose these rights",

  "settings.retention.belowMin": "Enter at least {min} days.",
  "settings.retention.aboveMax": "Enter at most {max} days.",
} as const;
