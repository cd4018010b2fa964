// "Skip to content": the first thing a keyboard reaches on a page, hidden until focused; it moves focus to
// the page's main region (an element with MAIN_CONTENT_ID, focusable from script) without touching the URL.
import type { MouseEvent } from "react";
import { useUiLabels } from "./labels.js";

export const MAIN_CONTENT_ID = "main-content";
/** Props of the element the skip link leads to. */
export const skipTargetProps = { id: MAIN_CONTENT_ID, tabIndex: -1, className: "tenancy-skip-target" } as const;

export function SkipLink() {
  const labels = useUiLabels();
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const target = document.getElementById(MAIN_CONTENT_ID);
    if (!target) return;
    event.preventDefault();
    target.focus();
    target.scrollIntoView({ block: "start" });
  };
  return (
    <a href={`#${MAIN_CONTENT_ID}`} className="tenancy-skip-link" onClick={skip}>
      {labels.skipToContent}
    </a>
  );
}
