// The admin app's design system: thin wrappers around Mantine. No data fetching here.
export { createUiTheme, UiProvider } from "./ui-provider.js";
export { type UiLabels, useUiLabels } from "./labels.js";
export { AppLayout, type AppLayoutProps } from "./app-layout.js";
export { SkipLink, skipTargetProps, MAIN_CONTENT_ID } from "./skip-link.js";
export { accessibleColorVariables, contrastRatio, mix, readableShade, CONTROL_CONTRAST, TEXT_CONTRAST } from "./contrast.js";
export { PageHeader, type PageHeaderProps } from "./page-header.js";
export { DataTable, useIsPhone, type Column, type DataTableProps } from "./data-table.js";
export { TruncatedText, type TruncatedTextProps } from "./truncated-text.js";
export { StatusBadge } from "./status-badge.js";
export { ConfirmButton, type ConfirmButtonProps } from "./confirm-button.js";
export { FormSection, FormActions } from "./form-fields.js";
export { ErrorAlert } from "./error-alert.js";
export { OneTimeSecret } from "./one-time-secret.js";
export { DetailList, type DetailItem } from "./detail-list.js";
export { StatCard } from "./stat-card.js";
export { PageLoader } from "./page-loader.js";
export { notifySuccess, notifyError, clearNotifications, toastPosition } from "./notify.js";
