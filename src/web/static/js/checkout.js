// Keeps the checkout summary's delivery fee and total in step with the chosen delivery option.
// The server recomputes every amount when the order is placed; this is display only.
const form = document.querySelector('form[data-checkout]');
if (form) {
  const cny = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
  const usd = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'USD' });
  const subtotal = Number(form.dataset.subtotalMinor);
  const rate = Number(form.dataset.usdRate);
  const update = () => {
    const chosen = form.querySelector('input[name="deliveryOption"]:checked');
    if (!chosen) return;
    const fee = Number(chosen.dataset.feeMinor);
    const total = subtotal + fee;
    const shipping = form.querySelector('[data-shipping]');
    if (shipping) shipping.textContent = fee === 0 ? shipping.dataset.free : cny.format(fee / 100);
    const totalEl = form.querySelector('[data-total]');
    if (totalEl) totalEl.textContent = cny.format(total / 100);
    const usdEl = form.querySelector('[data-total-usd]');
    if (usdEl)
      usdEl.textContent = form.dataset.approx.replace('{usd}', usd.format(Math.round(total * rate) / 100));
  };
  form.addEventListener('change', (event) => {
    if (event.target.name === 'deliveryOption') update();
  });
}
