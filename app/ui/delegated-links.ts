import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";

/**
 * Long lists render their links as plain <a href data-nav> — a router <Link> per row costs more to render than
 * the rest of the row — and put this click handler on the list: an ordinary click on any of those links becomes a
 * client-side navigation, as a <Link> would do; modified clicks (new tab, …) and middle clicks are left to the
 * browser, and without JavaScript they are ordinary links. `data-discover` on the link lets Remix find the target
 * route ahead of the click, as it does for a <Link>.
 */
export function useDelegatedLinks(): (event: MouseEvent<HTMLElement>) => void {
  const navigate = useNavigate();
  return (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest("a[data-nav]") : null;
    if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
    const url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
}
