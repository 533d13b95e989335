"use client";
import { forwardRef, useSyncExternalStore } from "react";

const noSubscription = () => () => {};
/**
 * False in the server's HTML and until React has hydrated the page. A form submitted before that does what plain
 * HTML does: a GET to the page's own URL with every field in the query string, passwords included (seen in an e2e
 * trace). So submit buttons stay disabled until then.
 */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

// White on sky-700 is 5.9:1 (sky-600 was 4.0:1, under WCAG AA's 4.5:1). `not-disabled:` rather than `enabled:`, so
// a link styled as a button (buttonClass) gets the hover too.
const variants = {
  primary: "bg-sky-700 text-white not-disabled:hover:bg-sky-800",
  secondary:
    "border border-slate-300 bg-white text-slate-800 not-disabled:hover:bg-slate-100 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:not-disabled:hover:bg-slate-800",
  danger: "bg-red-600 text-white not-disabled:hover:bg-red-700",
  ghost:
    "text-slate-700 not-disabled:hover:bg-slate-200/70 dark:text-slate-300 dark:not-disabled:hover:bg-slate-800",
} as const;

const sizes = { sm: "h-8 px-2.5 text-xs", md: "h-9 px-3.5 text-sm" } as const;

/** The button look, for a link that acts as one (`<Link className={buttonClass()}>`), so both stay the same. */
export function buttonClass({
  variant = "primary",
  size = "md",
}: { variant?: keyof typeof variants; size?: keyof typeof sizes } = {}) {
  return `inline-flex items-center justify-center gap-1.5 rounded-md font-medium transition-colors disabled:cursor-not-allowed disabled:opacity-45 ${variants[variant]} ${sizes[size]}`;
}

type Props = React.ButtonHTMLAttributes<HTMLButtonElement> & {
  variant?: keyof typeof variants;
  size?: keyof typeof sizes;
  busy?: boolean;
  /** The form has a real method and action and works without JavaScript (sign-in): usable before hydration. */
  nativeSubmit?: boolean;
};

export const Button = forwardRef<HTMLButtonElement, Props>(function Button(
  { variant = "primary", size = "md", busy, nativeSubmit, className = "", children, disabled, type, ...rest },
  ref,
) {
  const hydrated = useHydrated();
  return (
    <button
      ref={ref}
      className={`${buttonClass({ variant, size })} ${className}`}
      type={type}
      disabled={disabled || busy || (type === "submit" && !nativeSubmit && !hydrated)}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? (
        <span
          className="size-3.5 animate-spin rounded-full border-2 border-current border-t-transparent"
          aria-hidden
        />
      ) : null}
      {children}
    </button>
  );
});
