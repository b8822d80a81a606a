"""The history of workdays: a local journal (SQLite), day summaries and the merge with the
portal's records. Pure summarising in :mod:`~tray_app.history.summary` and
:mod:`~tray_app.history.reconcile`, CSV in :mod:`~tray_app.history.export`, the file in
:mod:`~tray_app.history.journal`. No Qt and no httpx here (it sits beside ``api``, on ``core``).
"""
