"use client";
import { PageError } from "@/components/shell/page-error";

// A console page that threw, or whose script chunk failed to load: shown inside the console's shell.
export default function ConsoleError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <PageError {...props} />;
}
