// Live progress of conversion jobs: the table is refreshed every two seconds from
// GET /api/jobs, and a change of state is announced in the aria-live summary.
(function () {
  const table = document.getElementById("jobs"), summary = document.getElementById("summary");
  if (!table) return;
  const labels = JSON.parse(table.dataset.labels);
  const say = (kind, code) => labels[kind][code] || code;
  let said = "";
  function refresh() {
    fetch("/api/jobs").then((r) => r.json()).then((jobs) => {
      const counts = {};
      for (const job of jobs) {
        counts[job.status] = (counts[job.status] || 0) + 1;
        const row = table.querySelector(`tr[data-job="${job.job}"]`);
        if (!row) continue;
        row.querySelector(".status").textContent = say("status", job.status);
        row.querySelector(".stage").textContent = say("stage", job.stage);
        const bar = row.querySelector("progress");
        bar.value = job.percent; bar.textContent = `${job.percent}%`;
        row.querySelector(".eta").textContent = job.eta_seconds ? `${Math.round(job.eta_seconds)} s` : "—";
        const said = job.error || job.note;  // a failure, or a book that joined a title already in the catalog
        row.querySelector(".note").textContent = said ? `: ${said}` : "";
      }
      const text = Object.entries(counts).map(([status, n]) => `${say("status", status)}: ${n}`).join(", ");
      if (text !== said) { summary.textContent = text; said = text; }
    }).finally(() => setTimeout(refresh, 2000));
  }
  refresh();
})();
