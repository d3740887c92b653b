// A form sent back with errors: bring the summary into view and to screen readers' attention.

const summary = document.getElementById('form-errors');
if (summary) {
  summary.focus();
  const firstInvalid = document.querySelector('.contribute-form [aria-invalid="true"]');
  if (firstInvalid) firstInvalid.setAttribute('aria-describedby', [firstInvalid.getAttribute('aria-describedby'), 'form-errors'].filter(Boolean).join(' '));
}
