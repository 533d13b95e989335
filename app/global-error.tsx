"use client";
import { PageError } from "@/components/shell/page-error";
import "./globals.css";

// An error the root layout itself threw (or a chunk it needed failed to load): replaces the whole document.
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <PageError {...props} />
      </body>
    </html>
  );
}
