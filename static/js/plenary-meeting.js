// The plenary's meeting view: the left and right arrow keys go to the previous and next indicator (the
// links marked rel="prev" / rel="next"), unless the reader is typing in a field.
document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  const target = event.target;
  if (target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]")) return;
  const rel = { ArrowLeft: "prev", ArrowRight: "next" }[event.key];
  if (!rel) return;
  const link = document.querySelector(`a[rel="${rel}"][data-meeting-nav]`);
  if (link) {
    event.preventDefault();
    window.location.assign(link.href);
  }
});
