// Behaviour beacon: queues events (product views, searches, recommendation impressions and
// clicks) and sends them in batches of up to 50 to POST /store/events, with navigator.sendBeacon
// when the page is hidden or left (fetch keepalive when sendBeacon is missing or refuses). It is
// only loaded when the visitor allowed personalisation or analytics; the server enforces the
// choice again. sendBeacon cannot set headers, so the session's CSRF token travels in the body.
const root = document.documentElement;
const analytics = root.hasAttribute('data-analytics');
const MAX_BATCH = 50;
const queue = [];
let timer = 0;

const track = (event) => {
  if (queue.length >= 200) return;
  queue.push({ ...event, at: Date.now() });
  if (queue.length >= MAX_BATCH) flush(false);
  else if (!timer) timer = setTimeout(() => flush(false), 5000);
};

function flush(leaving) {
  clearTimeout(timer);
  timer = 0;
  while (queue.length) {
    const csrf = document.querySelector('input[name="_csrf"]')?.value;
    const body = JSON.stringify({ events: queue.splice(0, MAX_BATCH), ...(csrf ? { _csrf: csrf } : {}) });
    const blob = new Blob([body], { type: 'text/plain;charset=UTF-8' });
    if (!(leaving && navigator.sendBeacon?.('/store/events', blob))) {
      fetch('/store/events', {
        method: 'POST',
        body: blob,
        keepalive: true,
        credentials: 'same-origin',
      }).catch(() => {});
    }
  }
}

const viewed = document.querySelector('[data-product-view]')?.getAttribute('data-product-view');
if (viewed) track({ kind: 'product_view', productId: viewed });
const searched = document.querySelector('[data-search-query]')?.getAttribute('data-search-query');
if (searched) track({ kind: 'search', query: searched.slice(0, 200) });
// Send the page's own event now: the next page (e.g. "For you") may already use it.
if (queue.length) flush(false);

// Recommendation placements: <section data-rec-placement="…" data-rec-strategy="…"> holding
// links with data-rec-product="prod_…". Impressions once an item is half visible.
const recOf = (el) => {
  const box = el.closest('[data-rec-placement]');
  return (
    box && {
      productId: el.getAttribute('data-rec-product'),
      placement: box.getAttribute('data-rec-placement'),
      strategy: box.getAttribute('data-rec-strategy') || 'default',
    }
  );
};
if (analytics && 'IntersectionObserver' in window) {
  const seen = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (!entry.isIntersecting) continue;
        seen.unobserve(entry.target);
        const rec = recOf(entry.target);
        if (rec) track({ kind: 'rec_impression', ...rec });
      }
    },
    { threshold: 0.5 },
  );
  for (const el of document.querySelectorAll('[data-rec-placement] [data-rec-product]')) seen.observe(el);
}
document.addEventListener('click', (event) => {
  const el = event.target instanceof Element ? event.target.closest('[data-rec-product]') : null;
  const rec = el && recOf(el);
  if (rec) {
    track({ kind: 'rec_click', ...rec });
    flush(true);
  }
});
// Other scripts may record too: dispatchEvent(new CustomEvent('lantern:track', { detail: {...} })).
document.addEventListener('lantern:track', (event) => track(event.detail));

addEventListener('pagehide', () => flush(true));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') flush(true);
});
