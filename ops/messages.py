"""Django's MessageMiddleware, except on /api/ and /ogc/, whose answers never show a flash message.

Its process_request builds a message storage for every request (~0.1 ms of an
OGC page's Python, issue 17): machine answers neither read nor write messages.
Without request._messages, get_messages() gives [] and process_response does
nothing, so templates rendered there (OGC's HTML) still work.
"""

import re

from django.contrib.messages.middleware import MessageMiddleware

MACHINE_PATHS = re.compile(r"^/(api|ogc)/")


class PageMessageMiddleware(MessageMiddleware):
    def process_request(self, request):
        if not MACHINE_PATHS.match(request.path_info):
            super().process_request(request)
