// The few words the design system says itself (retry, load more, copy, ...). The app passes them in
// translated, so this package stays free of any i18n library or catalog.
import { createContext, useContext } from "react";

export interface UiLabels {
  retry: string;
  loadMore: string;
  cancel: string;
  confirm: string;
  copy: string;
  copied: string;
  errorTitle: string;
  toggleNavigation: string;
  /** The close button of dialogs, drawers and toasts. */
  close: string;
  /** The skip link to the page's content. */
  skipToContent: string;
}

export const defaultLabels: UiLabels = {
  retry: "Retry",
  loadMore: "Load more",
  cancel: "Cancel",
  confirm: "Confirm",
  copy: "Copy",
  copied: "Copied",
  errorTitle: "Something went wrong",
  toggleNavigation: "Toggle navigation",
  close: "Close",
  skipToContent: "Skip to content",
};

export const UiLabelsContext = createContext<UiLabels>(defaultLabels);

export function useUiLabels(): UiLabels {
  return useContext(UiLabelsContext);
}
