"use client";
import { buttonClass } from "@/components/ui/button";

/** A download changes nothing, so it needs no confirmation: a plain link to the backup route. */
export function DownloadBackupLink() {
  return (
    <a className={buttonClass()} href="/api/v1/admin/backup" download>
      Download backup
    </a>
  );
}
