import sys

from lkip_core.perintah.cli import main

sys.exit(main())
