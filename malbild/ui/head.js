/* Sent first by every page (malbild.ui.chrome.head_script): the html lang attribute, and Streamlit's lazily loaded
browser code the page will need (Plotly's, on a page with charts) fetched and compiled now, while the rest of the page
arrives (a module preload: not run until Streamlit imports it, by the same address, when the chart arrives). */
(() => {
  document.documentElement.lang = %(lang)s;
  const app = document.querySelector('script[type="module"][src*="static/js/index"]');
  if (!app) return;
  for (const name of %(modules)s) {
    const href = new URL(name, app.src).href;
    if ([...document.querySelectorAll('link[rel="modulepreload"]')].some(l => l.href === href)) continue;  // a rerun
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = href;
    document.head.appendChild(link);
  }
})();
