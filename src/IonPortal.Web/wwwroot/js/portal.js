// Small progressive enhancements; every page works without this file.
document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy-target]");
    if (!button) return;
    const source = document.querySelector(button.dataset.copyTarget);
    if (!source) return;
    try {
        await navigator.clipboard.writeText(source.value ?? source.textContent);
    } catch {
        source.select?.();
        document.execCommand?.("copy");
    }
    const label = button.querySelector("span");
    const original = label.textContent;
    label.textContent = button.dataset.copiedText || "Copied";
    setTimeout(() => (label.textContent = original), 1500);
});
