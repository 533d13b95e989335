import { requireActor } from "@/lib/auth/current";
import { AlertDetail } from "./alert-view";

export const metadata = { title: "Alert" };

export default async function AlertPage({ params }: { params: Promise<{ id: string }> }) {
  await requireActor();
  const { id } = await params;
  return <AlertDetail id={id} />;
}
