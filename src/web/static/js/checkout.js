// Keeps the checkout summary's delivery fee and total in step with the chosen delivery option, by
// asking the server for the quote (GET /store/checkout/quote): the page never computes a total.
// The hidden `shownTotalMinor` follows what is shown, so the order is placed for that total (or
// refused with the new one). Without JavaScript the form's "update total" button does the same.
const form = document.querySelector('form[data-checkout]');
if (form) {
  const cny = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
  const usd = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'USD' });
  const rate = Number(form.dataset.usdRate);
  const updateButton = form.querySelector('[data-update-total]');
  if (updateButton) updateButton.hidden = true;
  let asked = 0;
  const update = async () => {
    const chosen = form.querySelector('input[name="deliveryOption"]:checked');
    if (!chosen) return;
    const ask = ++asked;
    let quote;
    try {
      const res = await fetch(`/store/checkout/quote?deliveryOption=${encodeURIComponent(chosen.value)}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!res.ok) return;
      quote = await res.json();
    } catch {
      return; // the server checks the total when the order is placed
    }
    if (ask !== asked) return; // a later choice answered first
    const fee = quote.shipping.amountMinor;
    const total = quote.total.amountMinor;
    const shipping = form.querySelector('[data-shipping]');
    if (shipping) shipping.textContent = fee === 0 ? shipping.dataset.free : cny.format(fee / 100);
    const totalEl = form.querySelector('[data-total]');
    if (totalEl) totalEl.textContent = cny.format(total / 100);
    const usdEl = form.querySelector('[data-total-usd]');
    if (usdEl)
      usdEl.textContent = form.dataset.approx.replace('{usd}', usd.format(Math.round(total * rate) / 100));
    const shown = form.querySelector('[data-shown-total]');
    if (shown) shown.value = String(total);
  };
  form.addEventListener('change', (event) => {
    if (event.target.name === 'deliveryOption') update();
  });
}
