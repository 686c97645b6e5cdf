from deelwijzer.cli import main

main()
