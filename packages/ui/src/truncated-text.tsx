// A value that may be too long for its place (an e-mail, a name): cut to one line with an ellipsis, the full
// value in a tooltip on hover and on keyboard focus. Only a value that is actually cut gets the tooltip, and
// only then does plain text become a tab stop (a link given as `children` is one already). The full text
// stays in the page, so screen readers, search and copy get all of it. In a card (a table shown on a phone)
// the value wraps instead: there is room below, and a phone has no hover.
import { Tooltip } from "@mantine/core";
import { cloneElement, createContext, isValidElement, useContext, useEffect, useState, type CSSProperties, type ReactElement } from "react";

/** "wrap" inside DataTable's phone layout, where long values wrap rather than being cut. */
export const TruncateModeContext = createContext<"cut" | "wrap">("cut");

/** Whether the element's text is wider than the element (checked again when the element changes size). */
function useIsCut(element: HTMLElement | null, enabled: boolean): boolean {
  const [cut, setCut] = useState(false);
  useEffect(() => {
    if (!element || !enabled) {
      setCut(false);
      return;
    }
    const check = () => setCut(element.scrollWidth > element.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(element);
    return () => observer.disconnect();
  }, [element, enabled]);
  return cut;
}

interface RootProps {
  style?: CSSProperties;
  tabIndex?: number;
  ref?: unknown;
  children?: unknown;
  "data-truncated"?: boolean;
}

export interface TruncatedTextProps {
  /** The full value: what is shown (cut when too wide) and what the tooltip says. */
  value: string;
  /** The widest the value may get before it is cut (a number is pixels). */
  maxWidth: number | string;
  /** The element that shows the value when it is not plain text, e.g. a link (`<Anchor component={Link} to=… />`). */
  children?: ReactElement<RootProps>;
}

const CUT: CSSProperties = { display: "block", overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" };
const WRAP: CSSProperties = { overflowWrap: "anywhere" };

export function TruncatedText({ value, maxWidth, children }: TruncatedTextProps) {
  const mode = useContext(TruncateModeContext);
  const [element, setElement] = useState<HTMLElement | null>(null);
  const cut = useIsCut(element, mode === "cut");
  const style: CSSProperties = mode === "cut" ? { ...CUT, maxWidth } : WRAP;

  const root = isValidElement(children) ? (
    cloneElement(children, { ref: setElement, style: { ...children.props.style, ...style }, "data-truncated": cut || undefined, children: value })
  ) : (
    <span ref={setElement} style={style} data-truncated={cut || undefined} tabIndex={cut ? 0 : undefined}>
      {value}
    </span>
  );
  if (mode === "wrap") return root;
  return (
    <Tooltip label={value} disabled={!cut} events={{ hover: true, focus: true, touch: true }} multiline maw={480} style={WRAP}>
      {root}
    </Tooltip>
  );
}
