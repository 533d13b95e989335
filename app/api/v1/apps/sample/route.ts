import { withAuth } from "@/lib/api/with-auth";
import { readSampleCompose, SAMPLE_APP_NAME } from "@/lib/deploy/sample";

/** The voting-app sample (examples/voting-app) as a compose source for "Deploy the sample". */
export const GET = withAuth(async () => ({ name: SAMPLE_APP_NAME, compose: await readSampleCompose() }));
