import { readJson, withAuth } from "@/lib/api/with-auth";
import { getVolumeDrivers, setVolumeDrivers } from "@/lib/services/edge-settings";
import { VolumeDriversInput } from "@/lib/validations/edge";

/** The volume drivers (plugins) non-admins may use, besides "local". */
export const GET = withAuth(async () => getVolumeDrivers());

export const PUT = withAuth(
  async ({ req, audit }) => {
    const input = VolumeDriversInput.parse(await readJson(req));
    const result = await setVolumeDrivers(input);
    Object.assign(audit, { targetType: "settings", targetId: "volume-drivers", detail: result });
    return result;
  },
  { action: "settings.volume-drivers.set", globalRole: "admin" },
);
