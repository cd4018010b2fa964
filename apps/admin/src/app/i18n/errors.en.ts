// English messages of one area of the app, spread into the English catalog (en.ts). Each area has its own
// file so work on different areas does not edit the same lines.
// This area: what the server refuses, by error code (`error.<CODE>`, with variants that use the error's
// details), and the contracts' validation messages (`validation.<key>`), whose English is the contracts' own.
import { MESSAGES, type ErrorCode, type MessageKey } from "@tenancy/contracts";

type ValidationMessages = { readonly [K in MessageKey as `validation.${K}`]: (typeof MESSAGES)[K] };
const validationEn = Object.fromEntries(Object.entries(MESSAGES).map(([key, text]) => [`validation.${key}`, text])) as ValidationMessages;

export const errorsEn = {
  "error.BAD_INPUT": "This request is not valid. Reload the page and try again.",
  "error.BAD_INPUT.field": "This value is not valid; correct it and try again.",
  "error.UNAUTHENTICATED": "You are not signed in, or your session has ended. Sign in again.",
  "error.INVALID_CREDENTIALS": "The e-mail, password or workspace is not correct.",
  "error.SESSION_EXPIRED": "Your session has expired. Sign in again.",
  "error.PASSWORD_CHANGE_REQUIRED": "Change your password before you continue.",
  "error.FORBIDDEN": "Your account is not allowed to do this.",
  "error.FORBIDDEN.permission": "You need the permission “{permission}” for this. Ask a workspace administrator.",
  "error.FORBIDDEN.missing": "You cannot do this: it involves permissions you do not hold ({permissions}). Ask someone who holds them, such as a workspace administrator.",
  "error.CSRF_REJECTED": "This request did not come from this app, so it was refused. Reload the page and try again.",
  "error.TENANT_SUSPENDED": "This workspace is suspended. Contact the platform operator.",
  "error.ACCOUNT_DEACTIVATED": "This account is deactivated. Ask an administrator to reactivate it.",
  "error.TENANT_NOT_FOUND": "This tenant does not exist (any more).",
  "error.USER_NOT_FOUND": "This user does not exist (any more).",
  "error.ROLE_NOT_FOUND": "This role does not exist (any more); reload the list of roles.",
  "error.ADMIN_NOT_FOUND": "This platform admin does not exist (any more).",
  "error.AUDIT_ENTRY_NOT_FOUND": "This audit entry does not exist (any more).",
  "error.NOT_FOUND": "This does not exist (any more). Reload the page.",
  "error.SLUG_TAKEN": "This slug is already used by another tenant; choose another.",
  "error.EMAIL_TAKEN": "This e-mail address is already used by another account; enter another.",
  "error.ROLE_NAME_TAKEN": "A role with this name already exists; choose another name.",
  "error.ROLE_IN_USE": {
    one: "{count} user holds this role. Choose a role to give them instead, then delete it.",
    other: "{count} users hold this role. Choose a role to give them instead, then delete it.",
  },
  "error.BUILT_IN_ROLE": "This role is built in: it always holds every permission and cannot be changed or deleted.",
  "error.LAST_ADMIN": "This is the last active administrator: make someone else an administrator first.",
  "error.SELF_DEACTIVATION": "You cannot deactivate your own account; ask another administrator.",
  "error.INVALID_STATE": "Nothing was changed: it is already in this state. Reload the page to see the latest.",
  "error.CONFLICT": "This conflicts with a change made in the meantime. Reload the page and try again.",
  "error.PAYLOAD_TOO_LARGE": "This is more than the server accepts at once; send less.",
  "error.METHOD_NOT_ALLOWED": "The server does not accept this kind of request here.",
  "error.UNSUPPORTED_MEDIA_TYPE": "The server does not accept this kind of content.",
  "error.WEAK_PASSWORD": "Choose a stronger password: at least {minimum} characters, and not a commonly used one.",
  "error.WRONG_PASSWORD": "The current password is not correct.",
  "error.MODULE_INACTIVE": "This module is not active in your workspace. A workspace administrator can subscribe to it or activate it.",
  "error.MODULE_NOT_FOUND": "This module does not exist.",
  "error.PLAN_NOT_FOUND": "This plan does not exist.",
  "error.SUBSCRIPTION_NOT_FOUND": "This subscription does not exist.",
  "error.MODULE_KEY_TAKEN": "A module with this key already exists; choose another key.",
  "error.PLAN_CODE_TAKEN": "This module already has a plan with this code and interval; choose another code.",
  "error.PLAN_UNAVAILABLE": "This plan is no longer offered; choose another plan.",
  "error.CURRENCY_NOT_OFFERED": "This plan has no price in your workspace's currency.",
  "error.ALREADY_SUBSCRIBED": "Your workspace already subscribes to this module.",
  "error.TRIAL_ALREADY_USED": "Your workspace has already used its free trial of this module.",
  "error.USAGE_LIMIT_REACHED": "Your plan allows {limit} of this for the period, and {current} are used. A workspace administrator can change to a plan with a higher limit.",
  "error.USAGE_LIMIT_REACHED.noDetails": "Your plan's usage limit is reached for this period. A workspace administrator can change to a plan with a higher limit.",
  "error.SPEND_CAP_REACHED": "This month's spend, {spend}, has reached the workspace's spending cap of {cap}. A workspace administrator can raise or remove the cap in Settings, under Spending cap.",
  "error.SPEND_CAP_REACHED.noDetails": "The workspace's spending cap is reached for this month. A workspace administrator can raise or remove the cap in Settings, under Spending cap.",
  "error.amount": "{amount} {currency}",
  "error.SPEND_CAP_CURRENCY": "The spending cap is in the workspace's subscription currency, {currency}.",
  "error.RATE_LIMITED": "Too many attempts. Try again later.",
  "error.RATE_LIMITED.minutes": { one: "Too many attempts. Try again in {count} minute.", other: "Too many attempts. Try again in {count} minutes." },
  "error.RATE_LIMITED.seconds": { one: "Too many attempts. Try again in {count} second.", other: "Too many attempts. Try again in {count} seconds." },
  "error.INTERNAL": "Something went wrong on our side. Try again; if it keeps happening, quote request {requestId}.",
  "error.INTERNAL.noRequest": "Something went wrong on our side. Try again in a moment.",
  ...validationEn,
  "validation.invalidType": "This value is missing or is not of the expected kind.",
} as const;

/** Fails to compile while an error code of the contracts has no message here. */
type EveryCode<T extends Record<`error.${ErrorCode}`, unknown>> = T;
export type ErrorsEnCoverEveryCode = EveryCode<typeof errorsEn>;
