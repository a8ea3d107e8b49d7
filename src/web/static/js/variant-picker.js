// Instant variant switching on the product page: price, stock, image and the hidden variant id
// follow the chosen radios. Without this module the picker form reloads with ?variant=.
const picker = document.querySelector('[data-variant-picker]');
const dataEl = document.querySelector('#variant-data');
if (picker && dataEl) {
  const { variants } = JSON.parse(dataEl.textContent);
  const set = (selector, apply) => {
    for (const el of document.querySelectorAll(selector)) apply(el);
  };
  const chosen = () => {
    const values = {};
    for (const input of picker.querySelectorAll('input[type="radio"]:checked')) {
      values[input.dataset.option] = input.value;
    }
    return values;
  };
  const matches = (variant, values) =>
    Object.entries(values).every(([code, value]) => variant.optionValues[code] === value);
  const update = () => {
    const values = chosen();
    const variant = variants.find((v) => matches(v, values));
    if (!variant) return;
    set('[data-price]', (el) => {
      el.textContent = variant.price;
    });
    set('[data-price-usd]', (el) => {
      el.textContent = variant.priceUsd;
    });
    set('[data-price-was]', (el) => {
      el.textContent = variant.compareAt ?? '';
      el.hidden = !variant.compareAt;
    });
    set('[data-stock]', (el) => {
      el.textContent = variant.stockText;
      el.className = `stock ${variant.stockClass}`;
    });
    set('input[name="variantId"]', (el) => {
      el.value = variant.id;
    });
    set('[data-buy]', (el) => {
      el.disabled = !variant.canBuy;
    });
    if (variant.imageIndex !== null && variant.imageIndex !== undefined) {
      document.querySelector(`#image-${variant.imageIndex}`)?.scrollIntoView({ block: 'nearest' });
    }
    const url = new URL(location.href);
    url.searchParams.set('variant', variant.id);
    for (const key of [...url.searchParams.keys()]) if (key.startsWith('o.')) url.searchParams.delete(key);
    history.replaceState(null, '', url);
  };
  picker.addEventListener('change', update);
}
