import { Providers } from "@/components/providers";
import { reloadOnceBootScript } from "@/components/shell/reload-once";
import { themeBootScript } from "@/components/shell/theme";
import "./globals.css";
import type { Metadata } from "next";

export const metadata: Metadata = {
  title: { default: "Wharf", template: "%s · Wharf" },
  description: "Self-hosted Containers-as-a-Service console",
  manifest: "/manifest.webmanifest",
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // The boot script sets the theme class before hydration, so React must not flag the difference.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeBootScript }} />
        <script dangerouslySetInnerHTML={{ __html: reloadOnceBootScript }} />
      </head>
      <body className="min-h-screen font-sans text-sm">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
