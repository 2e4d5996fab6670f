import type { FleetResult, HostRecord, Mode } from "../../deploy/types.js";
import { Summary } from "../../kit/summary.js";
import type { Strategy } from "../../remote/unit.js";

const ICON: Record<HostRecord["status"], string> = {
  deployed: "✅ deployed",
  unchanged: "✅ unchanged",
  shifted: "✅ shifted",
  promoted: "✅ promoted",
  "rolled-back": "↩️ rolled back",
  failed: "❌ failed",
  skipped: "⏭️ skipped",
  planned: "📝 planned",
  status: "ℹ️",
};

/** The job summary: a row per host and wave, what changed, health, time, and what rolled back and why. */
export async function writeDeploySummary(r: {
  mode: Mode;
  strategy: Strategy;
  app: string;
  result: FleetResult;
  ms: number;
  dryRun: boolean;
}): Promise<void> {
  const { result } = r;
  const hosts = result.hosts;
  const count = (s: HostRecord["status"]) => hosts.filter((h) => h.status === s).length;
  const summary = new Summary().heading(`deploy-systemd: ${r.app} ${r.dryRun ? "(dry run) " : ""}${r.mode}`);
  const headline = result.failed
    ? `**Failed** after ${(r.ms / 1000).toFixed(1)} s: ${result.failure ?? ""}`
    : `**${r.mode} ok** on ${hosts.length} host(s) in ${(r.ms / 1000).toFixed(1)} s (${r.strategy})`;
  summary.status(!result.failed, headline);
  if (result.failed) {
    summary.paragraph(
      `${count("failed")} failed, ${count("rolled-back")} rolled back, ${count("skipped")} not reached` +
        (result.rollbackMs === undefined
          ? ""
          : `; fleet back on its previous versions ${(result.rollbackMs / 1000).toFixed(2)} s after the failure`),
    );
  }
  const blueGreen = r.strategy === "blue-green";
  summary.table(
    ["wave", "host", "before", "after", ...(blueGreen ? ["slot", "weight"] : []), "health", "time", "result"],
    hosts.map((h) => [
      h.wave,
      h.host,
      h.previousVersion ?? "—",
      h.version ?? "—",
      ...(blueGreen ? [h.slot ?? "—", h.weight === null ? "—" : `${h.weight}%`] : []),
      h.health || "—",
      h.ms ? `${(h.ms / 1000).toFixed(1)} s` : "—",
      ICON[h.status],
    ]),
    ["r", "l", "l", "l", ...(blueGreen ? (["r", "r"] as const) : []), "l", "r", "l"],
  );
  const why = hosts.filter((h) => h.detail);
  if (why.length)
    summary
      .heading("What failed or rolled back, and why", 3)
      .list(why.map((h) => `**${h.host}**: ${h.detail}`));
  if (r.mode === "status") {
    for (const h of hosts) {
      const s = h.state;
      if (!s) continue;
      summary.heading(h.host, 3);
      const lines = [
        `current: ${s.current ?? "none"} (${s.unitState})`,
        ...s.slots.map((x) => `slot ${x.port}: ${x.version ?? "—"} (${x.state})`),
        ...(s.upstream ? [`nginx: ${s.upstream.replace(/^#\s*/, "")}`] : []),
        `releases: ${s.releases.join(", ") || "none"}`,
        ...(s.lock ? [`locked by ${s.lock.holder} for ${s.lock.ageSeconds} s ${s.lock.runUrl}`] : []),
      ];
      summary.list(lines);
      if (s.history.length) {
        summary.table(
          ["time", "actor", "action", "version", "from", "result"],
          s.history
            .slice(-5)
            .map((e) => [
              typeof e.time === "number" ? new Date(e.time * 1000).toISOString() : "",
              String(e.actor ?? ""),
              String(e.action ?? ""),
              String(e.version ?? ""),
              String(e.from ?? "—"),
              String(e.result ?? ""),
            ]),
        );
      }
    }
  }
  await summary.write();
}
