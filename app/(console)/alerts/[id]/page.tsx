import { AlertDetail } from "@/components/alerts/alert-detail";
import { requireActor } from "@/lib/auth/current";

export const metadata = { title: "Alert" };

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  await requireActor();
  const { id } = await params;
  return <AlertDetail id={id} />;
}
