// Live preview for the recipe editor, as progressive enhancement: while the admin types, the form is
// posted as the Preview button would post it, and the page's problem and rankings are swapped for the
// answer's. Without this script the Preview button does the same with a page load.
(() => {
  const form = document.querySelector("form[data-live-preview]");
  if (!form) return;
  const editor = form.querySelector("textarea[name=definition]");
  const status = document.getElementById("live-status");
  let timer = 0;
  let sequence = 0;

  const refresh = async () => {
    const mine = ++sequence;
    const body = new URLSearchParams(new FormData(form));
    body.set("action", "preview");
    status.textContent = "Updating the preview…";
    try {
      // getAttribute: form.action would be the button named "action".
      const response = await fetch(form.getAttribute("action"), { method: "POST", body, credentials: "same-origin" });
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      // An older answer arriving after a newer one is dropped.
      if (mine !== sequence) return;
      for (const id of ["problem-slot", "previews"]) {
        const fresh = page.getElementById(id);
        const old = document.getElementById(id);
        if (fresh && old) old.replaceWith(document.importNode(fresh, true));
      }
      status.textContent = response.ok ? "Preview updated." : "The definition has a problem; see above.";
    } catch {
      status.textContent = "The preview could not be updated; use the Preview button.";
    }
  };

  editor.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 500);
  });
})();
