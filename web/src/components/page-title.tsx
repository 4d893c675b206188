import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * The page's h1, which takes focus after each navigation so screen-reader and keyboard users
 * start on the new page, and names the document.
 */
export function PageTitle({ children }: { children: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  useEffect(() => {
    document.title = `${children} · Taskvault`;
    heading.current?.focus();
  }, [location.pathname, children]);
  return (
    <h1 ref={heading} tabIndex={-1}>
      {children}
    </h1>
  );
}
