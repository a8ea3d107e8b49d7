// Small enhancements for the admin console; every form works without this file.

// Forms marked data-confirm ask before submitting (the server still shows its own confirm step
// where one is required, e.g. cancelling an order).
for (const form of document.querySelectorAll('form[data-confirm]')) {
  form.addEventListener('submit', (event) => {
    if (!window.confirm(form.dataset.confirm)) event.preventDefault();
  });
}

// "Add a row" for the variants and options tables: clones the last row with fresh indexes.
for (const button of document.querySelectorAll('button[data-add-row]')) {
  button.hidden = false;
  button.addEventListener('click', () => {
    const body = document.getElementById(button.dataset.addRow);
    const last = body?.lastElementChild;
    if (!last) return;
    const index = body.children.length;
    const row = last.cloneNode(true);
    for (const field of row.querySelectorAll('[name]')) {
      field.name = field.name.replace(/\.\d+\./, `.${index}.`);
      if (field.id) field.id = field.id.replace(/-\d+-/, `-${index}-`);
      if (field.type === 'checkbox') field.checked = true;
      else if (field.tagName !== 'SELECT') field.value = '';
    }
    for (const label of row.querySelectorAll('label[for]')) {
      label.htmlFor = label.htmlFor.replace(/-\d+-/, `-${index}-`);
    }
    body.append(row);
    row.querySelector('input')?.focus();
  });
}
