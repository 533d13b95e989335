import { redirect } from "next/navigation";
import { currentActor } from "@/lib/auth/current";
import { LoginForm } from "./login-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage() {
  if (await currentActor()) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight">⚓ Wharf</p>
          <p className="mt-1 text-slate-600 dark:text-slate-400">Sign in to your container console</p>
        </div>
        <LoginForm />
      </div>
    </main>
  );
}
