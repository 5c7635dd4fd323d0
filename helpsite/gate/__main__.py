import sys

from helpsite.gate import main

sys.exit(main())
