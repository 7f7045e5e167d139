// The audio player: chapters as links that play in the page, and the place kept
// as a locator. Times map to sentences through the chapter timings
// (GET /api/titles/{id}/audio); the saved place (GET /api/titles/{id}/position)
// is where playing starts: a time in a made chapter, a sentence in a live one.
(function () {
  const box = document.getElementById("player");
  if (!box) return;
  const title = box.dataset.title, audio = document.getElementById("audio"), now = document.getElementById("now");
  let chapters = [], current = null, lastSaved = 0;
  const api = (path, options) => fetch(`/api/titles/${title}${path}`, options).then((r) => r.json());

  function play(chapter, seconds, locator, autoplay) {
    current = chapter;
    let src = chapter.href;
    if (chapter.seconds === null && locator) src += `?from=${encodeURIComponent(locator)}`;
    audio.src = src;
    if (chapter.seconds !== null && seconds) {
      audio.addEventListener("loadedmetadata", () => { audio.currentTime = seconds; }, {once: true});
    }
    now.textContent = chapter.title;
    if (autoplay) audio.play();
    document.querySelectorAll("a.chapter").forEach((a) => {
      if (Number(a.dataset.number) === chapter.number) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
  }

  function save() {
    if (!current) return;
    const body = current.seconds === null ? null : {chapter: current.number, seconds: audio.currentTime};
    if (body) api("/position", {method: "PUT", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  }

  audio.addEventListener("timeupdate", () => {
    if (Date.now() - lastSaved > 5000) { lastSaved = Date.now(); save(); }
  });
  audio.addEventListener("pause", save);
  audio.addEventListener("ended", () => {
    const next = chapters[chapters.indexOf(current) + 1];
    if (next) play(next, 0, null, true);
  });
  document.querySelectorAll("a.chapter").forEach((link) => {
    link.addEventListener("click", (event) => {
      const chapter = chapters.find((c) => c.number === Number(link.dataset.number));
      if (!chapter) return;
      event.preventDefault();
      play(chapter, 0, null, true);
      audio.focus();
    });
  });

  Promise.all([api("/audio"), api("/position")]).then(([list, position]) => {
    chapters = list;
    if (!chapters.length) return;
    const chapter = chapters.find((c) => c.number === position.chapter) || chapters[0];
    play(chapter, position.seconds || 0, position.locator, false);
    box.dataset.ready = "true";
  });
})();
