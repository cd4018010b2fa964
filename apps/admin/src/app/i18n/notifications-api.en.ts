// English messages of the notifications backend (decision 50), spread into the English catalog (en.ts): the
// name of its permission and the descriptions of its events. The notification pages keep their own file.
export const notificationsApiEn = {
  "permission.notifications.manage": "Create, edit and delete the workspace's notification rules.",
  "event.subscription.trial_ending": "A free trial ends within 3 days (told once per trial).",
  "event.notification_rule.created": "A notification rule was created.",
  "event.notification_rule.updated": "A notification rule was changed, enabled or disabled.",
  "event.notification_rule.deleted": "A notification rule was deleted.",
  "event.notification.preference_changed": "Someone muted or unmuted a notification rule for themselves.",
} as const;
