// The web reader saves the place as you read: the first block at the top of the
// screen becomes the reader's position (a locator), the same one the audio player
// and the braille terminal resume from.
(function () {
  const text = document.getElementById("text");
  if (!text) return;
  const title = text.dataset.title, chapter = text.dataset.chapter;
  const blocks = Array.from(text.querySelectorAll("[id^='c']"));
  let last = "", timer = null;
  function save() {
    const top = blocks.find((b) => b.getBoundingClientRect().bottom > 0) || blocks[0];
    if (!top || top.id === last) return;
    last = top.id;
    fetch(`/api/titles/${title}/position`, {
      method: "PUT", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({locator: `${chapter}:${top.id}:0:0`}),
    });
  }
  window.addEventListener("scroll", () => { clearTimeout(timer); timer = setTimeout(save, 800); });
  window.addEventListener("focusin", (e) => {
    const block = e.target.closest && e.target.closest("#text [id^='c']");
    if (block) { clearTimeout(timer); timer = setTimeout(save, 300); }
  });
  if (!location.hash) save();
})();
