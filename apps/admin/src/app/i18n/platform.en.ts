// English messages of one area of the app, spread into the English catalog (en.ts). Each area has its own
// file so work on different areas does not edit the same lines.
export const platformEn = {
  "nav.platformAudit": "Audit log",
  "nav.platformProfile": "My profile",

  "platformProfile.title": "My profile",
  "platformProfile.description": "Your name as other platform admins see it, the language of the platform area, and your password.",
  "platformProfile.open": "Open my profile",
  "platformProfile.emailHint": "You sign in with it; it cannot be changed here.",
  "platformProfile.language": "Language",
  "platformProfile.languageBrowser": "My browser's language ({language})",
  "platformProfile.languageHint": "The platform area speaks it to you on every device you sign in on.",
  "platformProfile.saved": "Your profile is saved.",
  "platformProfile.passwordTitle": "Password",
  "platformProfile.passwordHint": "You need your current password. Your other sessions end when it changes.",
  "platformProfile.passwordChanged": "Your password has been changed; your other sessions have ended.",

  "platformAdmins.you": "You",
  "platformAdmins.actions": "Actions",
  "platformAdmins.reset": "Reset password",
  "platformAdmins.resetTitle": "Reset the password of {name}?",
  "platformAdmins.resetMessage":
    "{email} gets a one-time password, shown to you once: give it to them through a safe channel. Their sessions end now and they must choose a new password when they sign in.",
  "platformAdmins.resetDone": "The password of {email} was reset.",
  "platformAdmins.resetSelfHint": "To change your own password, open your profile.",

  "platformAudit.title": "Platform audit log",
  "platformAudit.description": "What platform admins did, on the platform and inside tenants, and sign-ins to the platform. Times in {timeZone}.",
  "platformAudit.tenant": "Tenant",
  "platformAudit.platformLevel": "Platform",
  "platformAudit.targetType": "Target type",
  "platformAudit.targetType.tenant": "Tenant",
  "platformAudit.targetType.platform_admin": "Platform admin",
  "platformAudit.targetType.user": "Tenant user",
  "platformAudit.target": "Target",
  "platformAudit.targetPlaceholder": "A tenant or a platform admin",
  "platformAudit.actorPlaceholder": "A platform admin",
  "platformAudit.reason": "Reason: {reason}",
  "platformAudit.anonymous": "Someone not signed in",
  "platformAudit.system": "The system",

  "tenant.suspensionReason": "Reason for the suspension",
  "tenant.noSuspensionReason": "No reason given",
  "tenant.slugChangeTitle": "Change the workspace identifier?",
  "tenant.slugChangeMessage":
    "Every user of {name} signs in with the workspace identifier. From now on they must type {newSlug} instead of {oldSlug}; sign-in links and bookmarks with the old identifier stop working.",
  "tenant.slugChangeConfirm": "Change to {newSlug}",
  "tenant.slugFrom": "Current identifier",
  "tenant.slugTo": "New identifier",

  "event.platform_admin.password_reset": "A platform admin reset another platform admin's password; their sessions ended and they must choose a new one at sign-in.",
  "event.platform_admin.profile_updated": "A platform admin changed their own name or language.",
} as const;
