// Adds to the cart without leaving the product page and shows a toast; the form still posts and
// redirects to /cart without this module.
const form = document.querySelector('form[data-add-to-cart]');
if (form) {
  const toast = (message, linkText) => {
    document.querySelector('.toast')?.remove();
    const box = document.createElement('div');
    box.className = 'toast';
    box.setAttribute('role', 'status');
    box.textContent = message;
    if (linkText) {
      const a = document.createElement('a');
      a.href = '/cart';
      a.textContent = linkText;
      box.append(a);
    }
    document.body.append(box);
    setTimeout(() => box.remove(), 5000);
  };
  form.addEventListener('submit', async (event) => {
    // "Buy now" goes on to checkout: let the form post as usual.
    if (event.submitter?.name === 'buyNow') return;
    event.preventDefault();
    const button = form.querySelector('[data-buy]');
    if (button) button.disabled = true;
    try {
      const res = await fetch(form.action, {
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(new FormData(form)),
      });
      const data = await res.json().catch(() => ({}));
      if (!res.ok) return toast(data.detail ?? data.message ?? 'Error');
      // A first add opens a guest session: later forms on this page need its CSRF token.
      if (data.csrfToken) {
        for (const input of document.querySelectorAll('input[name="_csrf"]')) input.value = data.csrfToken;
      }
      for (const badge of document.querySelectorAll('[data-cart-count]')) {
        badge.textContent = String(data.count);
        badge.hidden = false;
      }
      toast(data.message, data.linkText);
    } finally {
      if (button) button.disabled = false;
    }
  });
}
