// The audio player: chapters as links that play in the page, the place kept as a locator, and
// read-along. Times map to sentences through the chapter timings (GET /api/titles/{id}/audio for
// made chapters; GET …/audio/{n}/sentences for a live stream, whose times grow as it is spoken);
// the saved place (GET /api/titles/{id}/position) is where playing starts: a time in a made
// chapter, a sentence in a live one. A reader who chose a voice or speed of their own
// (data-own) hears every chapter spoken live with it (?live=1).
// Read-along marks the sentence being spoken in the text below the player (class "spoken",
// aria-current) and scrolls it into view, never moving the focus; the "Read along" box turns it
// off and on at once and remembers it (PUT /api/me/listening).
(function () {
  const box = document.getElementById("player");
  if (!box) return;
  const title = box.dataset.title, audio = document.getElementById("audio"), now = document.getElementById("now");
  const own = box.dataset.own === "true";
  const text = document.getElementById("text"), heading = document.getElementById("text-chapter");
  const along = document.getElementById("read-along");
  const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  let chapters = [], current = null, lastSaved = 0, timings = [], live = false, asked = 0, spoken = null;
  const api = (path, options) => fetch(`/api/titles/${title}${path}`, options).then((r) => r.json());

  function play(chapter, seconds, locator, autoplay) {
    current = chapter;
    live = own || chapter.seconds === null;
    timings = live ? [] : chapter.sentences;
    asked = 0;
    const query = new URLSearchParams();
    if (own) query.set("live", "1");
    if (live && locator) query.set("from", locator);
    audio.src = query.toString() ? `${chapter.href}?${query}` : chapter.href;
    if (!live && seconds) {
      audio.addEventListener("loadedmetadata", () => { audio.currentTime = seconds; }, {once: true});
    }
    now.textContent = chapter.title;
    if (autoplay) audio.play();
    document.querySelectorAll("a.chapter").forEach((a) => {
      if (Number(a.dataset.number) === chapter.number) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    showText(chapter);
  }

  // The chapter's text: the page holds the first one shown; another is read from its chapter page.
  function showText(chapter) {
    mark(null);
    if (!text || Number(text.dataset.number) === chapter.number) return;
    text.dataset.number = chapter.number;
    fetch(`/titles/${title}/read/${chapter.number}`).then((r) => r.text()).then((html) => {
      const page = new DOMParser().parseFromString(html, "text/html");
      const found = page.getElementById("text");
      if (found && Number(text.dataset.number) === chapter.number) {
        text.replaceChildren(...Array.from(found.childNodes, (node) => document.importNode(node, true)));
        if (heading) heading.textContent = chapter.title;
      }
    });
  }

  function sentenceAt(time) {
    let found = null;
    for (const [id, start] of timings) {
      if (start <= time) found = id;
      else break;
    }
    return found;
  }

  function mark(id) {
    const element = id && text ? document.getElementById(id) : null;
    if (element === spoken) return;
    if (spoken) { spoken.classList.remove("spoken"); spoken.removeAttribute("aria-current"); }
    spoken = element && text.contains(element) ? element : null;
    if (!spoken) return;
    spoken.classList.add("spoken");
    spoken.setAttribute("aria-current", "true");
    spoken.scrollIntoView({block: "center", behavior: still ? "auto" : "smooth"});
  }

  function follow() {
    if (!current) return;
    if (live && Date.now() - asked > 1000) {
      const last = timings.length ? timings[timings.length - 1][2] : 0;
      if (audio.currentTime > last - 3) {  // the times heard so far run out soon: ask for more
        asked = Date.now();
        const chapter = current;
        api(`/audio/${chapter.number}/sentences${own ? "?live=1" : ""}`).then((answer) => {
          if (chapter === current && answer.sentences.length >= timings.length) timings = answer.sentences;
        });
      }
    }
    mark(along && !along.checked ? null : sentenceAt(audio.currentTime));
  }

  function save() {
    if (!current) return;
    let body = null;
    if (!live) body = {chapter: current.number, seconds: audio.currentTime};
    else {
      const sentence = /^(.+)s(\d+)$/.exec(sentenceAt(audio.currentTime) || "");
      if (sentence) body = {locator: `${current.number - 1}:${sentence[1]}:${sentence[2]}:0`};
    }
    if (body) api("/position", {method: "PUT", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)});
  }

  audio.addEventListener("timeupdate", () => {
    follow();
    if (Date.now() - lastSaved > 5000) { lastSaved = Date.now(); save(); }
  });
  audio.addEventListener("seeked", follow);
  audio.addEventListener("pause", save);
  audio.addEventListener("ended", () => {
    const next = chapters[chapters.indexOf(current) + 1];
    if (next) play(next, 0, null, true);
  });
  if (along) {
    along.addEventListener("change", () => {
      follow();
      fetch("/api/me/listening", {method: "PUT", headers: {"Content-Type": "application/json"},
                                  body: JSON.stringify({read_along: along.checked})});
    });
  }
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
