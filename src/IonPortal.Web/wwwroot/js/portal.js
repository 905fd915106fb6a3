// Small progressive enhancements; every page works without this file.
document.addEventListener("click", (event) => {
    // The reconnect dialog's buttons (see ReconnectModal.razor).
    if (event.target.closest("[data-reconnect]")) {
        window.Blazor?.reconnect?.().then((ok) => ok || location.reload());
    } else if (event.target.closest("[data-reload]")) {
        location.reload();
    } else if (event.target.closest("[data-print]")) {
        window.print();
    }
});
