"""Uploads are read in memory and never written anywhere, and reading stops at the limit."""

from io import BytesIO

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from .importer import MAX_UPLOAD_BYTES


class CappedMemoryUploadHandler(FileUploadHandler):
    """Keeps an uploaded file in memory up to `limit` bytes. A larger file is dropped (the
    rest of the request is read and discarded) and `too_large` is set, so the view can say
    why, instead of Django spilling it to a temporary file on disk."""

    def __init__(self, request=None, limit=MAX_UPLOAD_BYTES):
        super().__init__(request)
        self.limit = limit
        self.too_large = False

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.buffer = BytesIO()

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.too_large = True
            self.buffer = BytesIO()
            raise StopUpload(connection_reset=False)
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size):
        self.buffer.seek(0)
        return InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=file_size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
