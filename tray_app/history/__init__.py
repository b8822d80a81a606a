"""The history of workdays: a local journal (SQLite), day summaries and the merge with the
portal's records. Pure summarising in :mod:`~tray_app.history.summary` and
:mod:`~tray_app.history.reconcile`, CSV in :mod:`~tray_app.history.export`, the journal in
:mod:`~tray_app.history.journal` (its file: :mod:`~tray_app.history.journal_file`, its entries:
:mod:`~tray_app.history.journal_entries`, its errors: :mod:`~tray_app.history.journal_errors`).
No Qt and no httpx here (it sits beside ``api``, on ``core``).
"""
