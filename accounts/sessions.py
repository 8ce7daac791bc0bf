"""The session store (``SESSION_ENGINE``): Django's database sessions, whose read on every request is
compiled once (``antikorupsi.compiled``; issue 14). The expiry is compared in Python rather than in the
query, so that the query's only parameter is the key: the same rows, the same answer."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from antikorupsi.compiled import Columns, compiled_query

_SESSION = Columns(Session)


@compiled_query
def _session(p):
    return Session.objects.filter(session_key=p.key).values_list(*_SESSION.names)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        rows = _session(key=self.session_key)
        session = _SESSION.instance(rows[0]) if rows else None
        if session is not None and session.expire_date > timezone.now():
            return session
        self._session_key = None
        return None
