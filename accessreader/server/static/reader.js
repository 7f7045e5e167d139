// The web reader keeps the place to the sentence. The sentence the reader moves to (the focus,
// the caret or a click, a link to it) or, once that one has left the screen by scrolling, the
// first sentence starting on the screen becomes the reader's position: a locator
// "chapter:block:sentence:offset" PUT to /api/titles/{id}/position, the same one the audio
// player and the braille terminal resume from (the service sets the offset to the sentence's).
// Opening the chapter goes back to the saved sentence (data-resume) and gives it the focus,
// unless the address names a place of its own. Without this script the page reads the same and
// the "Continue where you stopped" skip link leads to the saved sentence.
(function () {
  const text = document.getElementById("text");
  if (!text) return;
  const title = text.dataset.title, chapter = text.dataset.chapter;
  // Places: every sentence, and each block whose sentences are not marked (a table, a page number).
  const places = Array.from(text.querySelectorAll("[id]")).filter((e) => e.classList.contains("s") || !e.querySelector(".s"));
  let current = null, timer = null;

  function placeOf(node) {
    const element = node && (node.nodeType === 1 ? node : node.parentElement);
    const found = element && text.contains(element) && element.closest("[id]");
    if (!found || found === text) return null;
    return places.includes(found) ? found : found.querySelector(".s");
  }

  function locator(place) {
    const sentence = place.classList.contains("s") && /^(.+)s(\d+)$/.exec(place.id);
    return sentence ? `${chapter}:${sentence[1]}:${sentence[2]}:0` : `${chapter}:${place.id}:0:0`;
  }

  function save(place) {
    clearTimeout(timer);
    if (!place || place === current) return;
    current = place;
    fetch(`/api/titles/${title}/position`, {
      method: "PUT", keepalive: true, headers: {"Content-Type": "application/json"},
      body: JSON.stringify({locator: locator(place)}),
    });
  }

  function later(place, wait) {
    clearTimeout(timer);
    if (place) timer = setTimeout(() => save(place), wait);
  }

  function go(place) {  // the focus on the place, so a screen reader reads on from it
    current = place;
    place.tabIndex = -1;
    place.focus({preventScroll: true});
  }

  const onScreen = (e) => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; };
  const firstOnScreen = () => places.find((p) => p.getBoundingClientRect().top >= 0) || places[places.length - 1];

  window.addEventListener("scroll", () => {
    clearTimeout(timer);
    timer = setTimeout(() => { if (!current || !onScreen(current)) save(firstOnScreen()); }, 800);
  });
  text.addEventListener("focusin", (e) => later(placeOf(e.target), 300));
  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    if (selection && selection.rangeCount && text.contains(selection.anchorNode)) later(placeOf(selection.anchorNode), 300);
  });
  window.addEventListener("hashchange", () => {
    const place = placeOf(document.getElementById(decodeURIComponent(location.hash.slice(1))));
    if (place) { save(place); go(place); }
  });

  const named = location.hash && placeOf(document.getElementById(decodeURIComponent(location.hash.slice(1))));
  const saved = text.dataset.resume && document.getElementById(text.dataset.resume);
  if (named) save(named);
  else if (saved) { saved.scrollIntoView({block: "center"}); go(saved); }
  else save(firstOnScreen());
})();
