// Suggestions while typing in the header search box: an ARIA combobox over the plain GET form.
// Without this module the form still submits to /search.
const input = document.querySelector('#site-search-q');
const list = document.querySelector('#site-search-suggestions');
if (input && list) {
  let timer = 0;
  let active = -1;
  let controller = null;
  const items = () => [...list.querySelectorAll('[role="option"]')];
  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  };
  const highlight = (index) => {
    const options = items();
    options.forEach((o, i) => {
      o.setAttribute('aria-selected', String(i === index));
    });
    active = index;
    if (options[index]) input.setAttribute('aria-activedescendant', options[index].id);
  };
  const textOf = (s) => (typeof s === 'string' ? s : (s.text ?? s.term ?? s.title ?? s.label ?? ''));
  const render = (suggestions) => {
    list.replaceChildren();
    suggestions.slice(0, 8).forEach((s, i) => {
      const text = textOf(s);
      if (!text) return;
      const li = document.createElement('li');
      li.id = `suggestion-${i}`;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', 'false');
      const a = document.createElement('a');
      a.href = `/search?q=${encodeURIComponent(text)}`;
      a.textContent = text;
      a.tabIndex = -1;
      li.append(a);
      list.append(li);
    });
    const open = list.children.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
  };
  const fetchSuggestions = async () => {
    const q = input.value.trim();
    if (!q) return close();
    controller?.abort();
    controller = new AbortController();
    try {
      const res = await fetch(`/store/search/suggest?q=${encodeURIComponent(q)}&limit=8`, {
        signal: controller.signal,
        headers: { accept: 'application/json' },
      });
      if (!res.ok) return close();
      const data = await res.json();
      render(Array.isArray(data) ? data : (data.suggestions ?? data.items ?? []));
    } catch {
      // aborted by a newer keystroke, or offline: the form still works
    }
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(fetchSuggestions, 150);
  });
  input.addEventListener('keydown', (event) => {
    const options = items();
    if (list.hidden || !options.length) return;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      highlight((active + step + options.length) % options.length);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      location.href = options[active].querySelector('a').href;
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 150));
}
