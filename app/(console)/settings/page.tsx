import { PageHeader } from "@/components/ui/page-header";
import { seesEverything } from "@/lib/auth/actor";
import { requireActor } from "@/lib/auth/current";
import { PasswordCard } from "./password-card";
import { TokensCard } from "./tokens-card";

export const metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requireActor({ passwordChange: true });
  return (
    <>
      <PageHeader title="Settings" description={`Signed in as ${actor.email}`} />
      <div className="grid gap-6 lg:grid-cols-2">
        <PasswordCard mustChange={actor.mustChangePassword} />
        {actor.mustChangePassword ? null : <TokensCard canScrape={seesEverything(actor)} />}
      </div>
    </>
  );
}
